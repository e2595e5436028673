# The ctxscan CMake package: find_package(ctxscan) gives ctxscan::ctxscan
# (every stage) and ctxscan::<stage> (util, match, findings, context, git,
# dockerfile, compose, image, fix, report, cli). The dependencies are the Debian
# packages the build used; they are found again here.
include(CMakeFindDependencyMacro)
find_dependency(PkgConfig)
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
find_dependency(CLI11)
find_dependency(yaml-cpp)
find_dependency(nlohmann_json)
find_dependency(Threads)
include(${CMAKE_CURRENT_LIST_DIR}/ctxscanTargets.cmake)
