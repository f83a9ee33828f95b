/** Data a screen fetched: still coming, failed (in words), or here. */
export type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };
