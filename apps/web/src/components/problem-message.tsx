import type { ApiProblem } from '../api/problem.js';
import { useApp } from '../context.js';

/** A failed call as a message the user can act on, announced to screen readers. */
export function ProblemMessage({ problem, onRetry }: { problem: ApiProblem | undefined; onRetry?: () => void }) {
  const { t } = useApp();
  if (!problem || problem.endsSession) return null;
  const text = problem.status === 0 ? t('error.network') : problem.message;
  return (
    <div class="problem" role="alert">
      <span>{text}</span>
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((error) => (
            <li key={error.field}>
              {error.field}: {error.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
