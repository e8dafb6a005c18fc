# Finds Debian's ns-3 3.37 and sets MEDIASEC_NS3_TARGETS.
# Debian's exported config hard-fails without the ns3 and libgsl-dev packages (see README);
# check first so the user gets the install line instead of an imported-target error.
set(_ns3_needed /usr/libexec/ns3/ns3.37-tap-creator
                /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/libgsl.so
                /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/libsqlite3.so)
foreach(_f ${_ns3_needed})
  if(NOT EXISTS ${_f})
    message(FATAL_ERROR "ns-3 3.37 from Debian is incomplete (${_f} is missing). Run:\n"
      "  apt-get install -y libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev libpython3-dev")
  endif()
endforeach()
find_package(ns3 3.37 REQUIRED)
set(MEDIASEC_NS3_TARGETS ns3::libcore ns3::libnetwork ns3::libinternet ns3::libpoint-to-point
                         ns3::libapplications)
