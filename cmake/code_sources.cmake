# The sources of the code tables (diff/findings/codes/), needed at build time only: a
# generator built against them writes the tables from the installed headers (names, numbers)
# and libraries (texts), and the ikediff binary links neither.
# - OpenSSL 3 (libssl-dev): X.509 verify codes and TLS alerts. 3.0 numbers
#   X509_V_ERR_INVALID_CA 79, not 24 (diff/findings/codes/x509.overlay.tsv).
# - MIT Kerberos (libkrb5-dev): the krb5 com_err table. Found by path (Debian's libkrb5-dev
#   links krb5/krb5.h and libkrb5.so from krb5-multidev's mit-krb5 folders), so pkg-config
#   is not needed.

find_package(OpenSSL 3.0 COMPONENTS SSL Crypto)
if(NOT OpenSSL_FOUND)
  message(FATAL_ERROR
    "ikediff builds its x509 and tls-alert code tables from OpenSSL 3's headers and libraries, "
    "and OpenSSL was not found: install libssl-dev (scripts/setup does).")
endif()

find_path(IKEDIFF_KRB5_INCLUDE_DIR krb5/krb5.h PATH_SUFFIXES mit-krb5
          DOC "Folder holding MIT Kerberos' krb5/krb5.h")
find_path(IKEDIFF_COM_ERR_INCLUDE_DIR et/com_err.h PATH_SUFFIXES mit-krb5
          DOC "Folder holding com_err's et/com_err.h (krb5.h includes it)")
find_library(IKEDIFF_KRB5_LIBRARY krb5 PATH_SUFFIXES mit-krb5 DOC "MIT Kerberos' libkrb5")
if(NOT IKEDIFF_KRB5_INCLUDE_DIR OR NOT IKEDIFF_COM_ERR_INCLUDE_DIR OR NOT IKEDIFF_KRB5_LIBRARY)
  message(FATAL_ERROR
    "ikediff builds its krb5 code table from MIT Kerberos' krb5/krb5.h and libkrb5, and "
    "they were not found (header: ${IKEDIFF_KRB5_INCLUDE_DIR}, com_err: "
    "${IKEDIFF_COM_ERR_INCLUDE_DIR}, library: ${IKEDIFF_KRB5_LIBRARY}): install libkrb5-dev "
    "(scripts/setup does).")
endif()
set(IKEDIFF_KRB5_HEADER "${IKEDIFF_KRB5_INCLUDE_DIR}/krb5/krb5.h")

add_library(ikediff_krb5 INTERFACE IMPORTED)
target_include_directories(ikediff_krb5 INTERFACE
  ${IKEDIFF_KRB5_INCLUDE_DIR} ${IKEDIFF_COM_ERR_INCLUDE_DIR})
target_link_libraries(ikediff_krb5 INTERFACE ${IKEDIFF_KRB5_LIBRARY})
