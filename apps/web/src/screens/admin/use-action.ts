import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api/problem.js';

/** Runs an admin change, remembering its failure (shown to the user) and whether it is under way. */
export function useAction(): { busy: boolean; problem: ApiProblem | undefined; done: boolean; run: (change: () => Promise<unknown>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [done, setDone] = useState(false);
  const run = async (change: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    setDone(false);
    try {
      await change();
      setDone(true);
      return true;
    } catch (error) {
      setProblem(error as ApiProblem);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, done, run };
}
