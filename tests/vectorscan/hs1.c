#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cb(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* ctx) { printf("  match id=%u to=%llu\n", id, to); return 0; }
int main(int argc, char** argv) {
  FILE* pf = fopen(argv[1], "rb"); char pat[20000]; size_t pn = fread(pat, 1, sizeof pat - 1, pf); pat[pn] = 0; fclose(pf);
  while (pn && (pat[pn-1] == '\n')) pat[--pn] = 0;
  FILE* f = fopen(argv[2], "rb"); static char buf[1<<20]; size_t n = fread(buf, 1, sizeof buf, f); fclose(f);
  size_t off = argc > 3 ? atoi(argv[3]) : 0;
  hs_database_t* db; hs_compile_error_t* err;
  if (hs_compile(pat, 0, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) { printf("compile error %s\n", err->message); return 1; }
  hs_scratch_t* s = NULL; hs_alloc_scratch(db, &s);
  hs_scan(db, buf + off, n - off, 0, s, cb, NULL);
  return 0;
}
