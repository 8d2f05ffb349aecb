// The console talks to the gateway only, on the same origin: the session cookie authenticates, the XSRF-TOKEN
// cookie's value goes back as the X-XSRF-TOKEN header on changes. The browser never sees a token.

/** An RFC 9457 problem as the mesh writes it (one shape everywhere). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { pointer?: string; field?: string; message: string }[];
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The request failed (${problem.status})`);
  }
}

function csrfToken(): string | undefined {
  return document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length);
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfToken();
  if (method !== 'GET' && token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token);
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(await response.json()), status: response.status };
    } catch {
      // not a problem document (a proxy's page): keep the status
    }
    throw new ProblemError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T,>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

// ---- catalog (public) ----
export interface BlueprintCard {
  name: string;
  title?: string;
  summary?: string;
  category?: string;
  tags?: string[];
  icon?: string;
  version?: string;
  latestVersion?: string;
  installs?: number;
  [key: string]: unknown;
}

export interface Facet {
  value: string;
  count: number;
}

export interface BlueprintSearch extends Page<BlueprintCard> {
  facets?: { categories?: Facet[]; tags?: Facet[] };
}

export interface BlueprintDetail {
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  category?: string;
  tags?: string[];
  icon?: string;
  license?: string;
  owner?: { team?: string; contact?: string } | string;
  visibility?: string;
  latestVersion?: string;
  version?: string;
  versions?: { version: string; publishedAt?: string; deprecation?: string; digest?: string }[];
  readme?: string;
  configSchema?: Record<string, unknown>;
  dependencies?: { blueprint: string; alias?: string; version?: string; when?: string; resolvesTo?: string }[];
  installs?: number;
}

// ---- identity ----
export interface Me {
  userId: string;
  displayName?: string;
  email?: string;
  phone?: string;
  organization?: string;
  roles?: string[];
  environments?: string[];
  sovereignAdmin?: boolean;
}

// ---- provisioning ----
export interface Environment {
  name: string;
  organization: string;
  type: string;
  branch?: string;
  status?: string;
  regions?: string[];
  createdAt?: string;
  createdBy?: string;
}

export interface Application {
  name: string;
  blueprint: string;
  version: string;
  status: string;
  hostname?: string;
  category?: string;
  backingService?: boolean;
  dependsOn?: string[];
  usedBy?: string[];
  repository?: string;
  installedAt?: string;
  readyPods?: number;
  desiredPods?: number;
  statusReason?: string;
  statusChangedAt?: string;
  placement?: unknown;
  regions?: string[];
}

export interface ApplicationList extends Page<Application> {
  statuses?: Record<string, number>;
}

/** One `application-status` event of the Environment's stream (provisioning's status-changed.v1 data). */
export interface StatusChange {
  organization: string;
  environment: string;
  application: string;
  status: string;
  previousStatus?: string;
  readyPods?: number;
  desiredPods?: number;
  reason?: string | null;
  changedAt?: string;
}
