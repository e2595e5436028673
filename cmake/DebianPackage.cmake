# The Debian package of the command (`cpack -G DEB` in a build directory):
# the binary, a man page help2man makes from its --help, bash, zsh and fish
# completions made from its --help (scripts/gen-completions.py), and the
# documentation; the package's dependencies come from dpkg-shlibdeps. The
# library and its headers (installed without a component) are not in it.
# Covered by tests/e2e/debian_package_test.py.
find_program(CTXSCAN_HELP2MAN help2man)
find_package(Python3 COMPONENTS Interpreter)

if(CTXSCAN_HELP2MAN)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/ctxscan.1
    COMMAND ${CTXSCAN_HELP2MAN} --no-info --no-discard-stderr
            --name "find secrets in Docker build contexts, git history and images"
            --output ${CMAKE_BINARY_DIR}/ctxscan.1 $<TARGET_FILE:ctxscan>
    DEPENDS ctxscan VERBATIM)
  add_custom_target(ctxscan_man ALL DEPENDS ${CMAKE_BINARY_DIR}/ctxscan.1)
  install(FILES ${CMAKE_BINARY_DIR}/ctxscan.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          COMPONENT cli)
else()
  message(STATUS "help2man not found: the package will have no man page")
endif()

if(Python3_Interpreter_FOUND)
  set(completions ${CMAKE_BINARY_DIR}/completions)
  add_custom_command(
    OUTPUT ${completions}/ctxscan.bash ${completions}/_ctxscan ${completions}/ctxscan.fish
    COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/scripts/gen-completions.py
            $<TARGET_FILE:ctxscan> ${completions}
    DEPENDS ctxscan ${PROJECT_SOURCE_DIR}/scripts/gen-completions.py VERBATIM)
  add_custom_target(ctxscan_completions ALL
    DEPENDS ${completions}/ctxscan.bash ${completions}/_ctxscan ${completions}/ctxscan.fish)
  install(FILES ${completions}/ctxscan.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ctxscan COMPONENT cli)
  install(FILES ${completions}/_ctxscan DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
          COMPONENT cli)
  install(FILES ${completions}/ctxscan.fish
          DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT cli)
endif()

# The fleet run's job entry point (docs/ci.md), where deploy/k8s/ runs it.
install(PROGRAMS ${PROJECT_SOURCE_DIR}/deploy/fleet/scan-one.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/ctxscan/fleet COMPONENT cli)

file(GLOB ctxscan_docs ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${ctxscan_docs}
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ctxscan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "find secrets in Docker build contexts, git history and container images")
set(CPACK_PACKAGE_DESCRIPTION
    "ctxscan finds secrets and sensitive files in what docker build would send to the builder
(the build context after .dockerignore), in the Dockerfile and the images it builds, and in
the whole git history of a repository.")
set(CPACK_PACKAGE_CONTACT "ctxscan maintainers")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME ctxscan)
set(CPACK_STRIP_FILES ON)
include(CPack)
