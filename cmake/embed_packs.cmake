# Writes OUT, a C++ source holding each file of PACKS (separated by `|`) as text: the
# built-in rule packs (diff/findings/rules/*.yaml), so that an installed ikediff needs no
# file beside it. Run by diff/CMakeLists.txt at build time, again when a pack changes.
string(REPLACE "|" ";" packs "${PACKS}")
set(body "")
foreach(pack IN LISTS packs)
  file(READ "${pack}" text)
  get_filename_component(name "${pack}" NAME)
  string(FIND "${text}" ")ikediff_pack\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${pack} holds the text that ends the embedding: )ikediff_pack\"")
  endif()
  string(APPEND body "    {\"${name}\", R\"ikediff_pack(${text})ikediff_pack\"},\n")
endforeach()
file(WRITE "${OUT}.new"
"// Generated from diff/findings/rules/*.yaml by cmake/embed_packs.cmake: do not edit.
#include \"diff/findings/rule_loader.hpp\"

#include <array>

namespace ikediff::diff::findings {

namespace {
const std::array k_packs = std::to_array<embedded_pack>({
${body}});
} // namespace

std::span<const embedded_pack> built_in_packs() { return k_packs; }

} // namespace ikediff::diff::findings
")
file(COPY_FILE "${OUT}.new" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.new")
