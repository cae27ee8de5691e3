import { useApp } from '../context.js';
import type { ProgressReply } from '../api/types.js';
import { useLoad } from '../use-load.js';

let knownBranches: Promise<string[]> | null = null;

/** An admin chooses one branch or all; a supervisor sees their own and gets no choice. */
export function BranchPicker({ value, onChange }: { value: string; onChange: (branchCode: string) => void }) {
  const { api, user, t } = useApp();
  // The branches an admin can choose are those with collectors, as the progress of every branch names them.
  const branches = useLoad(() => {
    if (user.role !== 'admin') return Promise.resolve([]);
    knownBranches ??= api
      .json<ProgressReply>('/monitoring/progress')
      .then((reply) => [...new Set(reply.collectors.map((row) => row.branchCode))].sort())
      .catch((error) => {
        knownBranches = null;
        throw error;
      });
    return knownBranches;
  }, [user.role]);
  if (user.role !== 'admin') return null;
  const options = [...new Set([...(branches.data ?? []), ...(value ? [value] : [])])];
  return (
    <label>
      <span>{t('filter.branch')}</span>
      <select value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('filter.allBranches')}</option>
        {options.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
    </label>
  );
}
