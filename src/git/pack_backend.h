// libgit2 reading a repository's packs through the project's pack reader.
//
// The history walk parses commits with libgit2 (its parsing of authors,
// dates and summaries is what reports show) but reads trees through
// git/pack_store.h. libgit2 reading the commits itself inflated them with
// zlib and, on a pack where commits lie among trees and blobs (a repository
// written by `git fast-import`), made most of the pack resident a second
// time beside the walk's own mapping: 675 MB peak against 430 on a
// generated history of 2 million objects. This backend, tried before
// libgit2's own, answers reads, headers and existence for every object the
// packs hold; libgit2 goes on to its loose objects (and any pack the store
// left out) for the rest.
//
// Thread safety: the backend reads with one PackReader: use the repository
// it is added to from one thread at a time, as the walk does.
// Covered by tests/unit/tree_cache_test.cc (packed commits read through it)
// and through the walk by tests/e2e/git_cli_test.py and presence_diff_test.py.
#pragma once

#include <git2.h>

#include <cstddef>
#include <memory>

#include "ctxscan/status.h"
#include "git/pack_store.h"

namespace ctxscan::git {

// Adds to `repo`'s object database a backend reading `packs` (kept alive by
// the backend) with a reader keeping `cache_bytes` of delta bases, tried
// before libgit2's own backends.
Status AddPackBackend(git_repository* repo, std::shared_ptr<const PackStore> packs,
                      std::size_t cache_bytes);

}  // namespace ctxscan::git
