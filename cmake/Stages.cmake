# ctxscan_stage(<name> SOURCES <file.cc>... [PUBLIC <dep>...] [PRIVATE <dep>...])
#
# Adds the static library ctxscan_<name> from src/<name>/<file.cc>. Its
# include root is a directory of the build tree that holds only
#   ctxscan/<name> -> include/ctxscan/<name>   (the stage's public headers)
#   <name>         -> src/<name>               (its internal headers)
# and is PUBLIC, so a stage sees its own headers and, through the link
# graph, those of the stages it depends on; nothing else. An include of a
# stage the library does not link is "No such file or directory".
include(GNUInstallDirs)
set(CTXSCAN_STAGE_INCLUDE ${CMAKE_BINARY_DIR}/stage-include)

function(ctxscan_stage name)
  cmake_parse_arguments(S "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  set(root ${CTXSCAN_STAGE_INCLUDE}/${name})
  file(MAKE_DIRECTORY ${root}/ctxscan)
  if(EXISTS ${PROJECT_SOURCE_DIR}/include/ctxscan/${name})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/ctxscan/${name} ${root}/ctxscan/${name} SYMBOLIC)
  endif()
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${name} ${root}/${name} SYMBOLIC)
  list(TRANSFORM S_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/src/${name}/)
  add_library(ctxscan_${name} STATIC ${S_SOURCES})
  set_target_properties(ctxscan_${name} PROPERTIES OUTPUT_NAME ctxscan_${name} EXPORT_NAME ${name})
  target_include_directories(ctxscan_${name}
    PUBLIC $<BUILD_INTERFACE:${root}> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  set_property(GLOBAL APPEND PROPERTY CTXSCAN_STAGES ctxscan_${name})
  target_link_libraries(ctxscan_${name} PUBLIC ${S_PUBLIC} PRIVATE ctxscan_warnings ${S_PRIVATE})
endfunction()
