/** An RFC 9457 problem the API answered, or a network failure (status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }

  /** The token is no longer accepted: expired, account disabled, role changed. */
  get endsSession(): boolean {
    return this.status === 401;
  }
}

interface ProblemBody {
  code?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Reads a failed reply into an ApiProblem, whatever its body (problem+json, other JSON, text, nothing). */
export async function problemOf(reply: Response): Promise<ApiProblem> {
  const text = await reply.text().catch(() => '');
  let body: ProblemBody = {};
  try {
    body = JSON.parse(text) as ProblemBody;
  } catch {
    body = {};
  }
  const message = body.detail ?? body.title ?? (reply.statusText || `HTTP ${reply.status}`);
  return new ApiProblem(reply.status, body.code ?? `http-${reply.status}`, message, Array.isArray(body.errors) ? body.errors : []);
}
