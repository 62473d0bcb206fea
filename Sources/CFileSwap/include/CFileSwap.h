#ifndef PLANSITE_CFILESWAP_H
#define PLANSITE_CFILESWAP_H
/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int plansite_exchange_paths(const char *a, const char *b);
#endif
