# Third-party libraries of the protocol core and the runner (Debian packages, no vendored copies).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SRTP2 REQUIRED IMPORTED_TARGET libsrtp2)
find_package(OpenSSL 3 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(GTest REQUIRED)
