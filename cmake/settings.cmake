# INTERFACE targets every ikediff target links: warnings and build settings.

add_library(ikediff_warnings INTERFACE)
target_compile_options(ikediff_warnings INTERFACE
  -Wall -Wextra -pedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
if(IKEDIFF_WERROR)
  target_compile_options(ikediff_warnings INTERFACE -Werror)
endif()

add_library(ikediff_settings INTERFACE)
target_compile_definitions(ikediff_settings INTERFACE
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(IKEDIFF_BUILD_FUZZ)
  # The `fuzz` preset (fuzz/, scripts/fuzz): every library carries libFuzzer's coverage
  # instrumentation and ASan + UBSan (a UB report aborts, so libFuzzer records it as a crash).
  # _GLIBCXX_ASSERTIONS adds the bounds checks ASan cannot see (string_view::operator[]
  # inside a larger buffer). The fuzz executables add libFuzzer's main through
  # ikediff_fuzzer_main. Implies IKEDIFF_SANITIZE's instrumentation, so that block is skipped.
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "IKEDIFF_BUILD_FUZZ needs clang (libFuzzer): use the `fuzz` preset")
  endif()
  target_compile_options(ikediff_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_compile_definitions(ikediff_settings INTERFACE _GLIBCXX_ASSERTIONS)
  target_link_options(ikediff_settings INTERFACE -fsanitize=address,undefined)
  add_library(ikediff_fuzzer_main INTERFACE)
  target_link_options(ikediff_fuzzer_main INTERFACE -fsanitize=fuzzer,address,undefined)
elseif(IKEDIFF_SANITIZE)
  # GCC 12's -Wmaybe-uninitialized misfires on sanitizer-instrumented code at -O2
  # (std::variant, boost::optional); the sanitizers themselves check those reads.
  target_compile_options(ikediff_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
    -Wno-maybe-uninitialized)
  target_link_options(ikediff_settings INTERFACE -fsanitize=address,undefined)
endif()

# Profile-guided optimisation (scripts/build-pgo): GCC's profile of a training run is kept
# per object file under its path, so both builds use one build directory. Counters are
# updated atomically (the reading thread and the rebuilding one share code); code the
# training never ran is optimised as without a profile (-fprofile-partial-training).
if(IKEDIFF_PGO STREQUAL "generate")
  target_compile_options(ikediff_settings INTERFACE
    -fprofile-generate -fprofile-update=atomic "-fprofile-dir=${IKEDIFF_PGO_DIR}")
  target_link_options(ikediff_settings INTERFACE -fprofile-generate)
elseif(IKEDIFF_PGO STREQUAL "use")
  # A profile older than the code (an edit since the training) costs optimisation, not the
  # build: scripts/build-pgo trains again when the sources change.
  target_compile_options(ikediff_settings INTERFACE
    -fprofile-use -fprofile-partial-training "-fprofile-dir=${IKEDIFF_PGO_DIR}" -Wno-missing-profile
    -Wno-error=coverage-mismatch)
elseif(NOT IKEDIFF_PGO STREQUAL "")
  message(FATAL_ERROR "IKEDIFF_PGO is generate, use or empty, not `${IKEDIFF_PGO}`")
endif()

# Third-party headers (Boost.Spirit in particular) trip our strict warnings; they are
# included as SYSTEM so that only our own code is held to them.
function(ikediff_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ikediff_warnings PUBLIC ikediff_settings)
endfunction()
