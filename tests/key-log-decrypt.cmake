# Runs one sdes-e2ae call with pcaps and decrypts the captured access-link SRTP with the key log,
# using scripts/srtp-decrypt-pcap.py (independent RFC 3711 implementation).
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${RUNNER} ${SOURCE_DIR}/scenarios/sdes-e2ae.ini --output-dir ${WORK_DIR}
                        --output.pcap=true --topology.ues=2 --calls.count=1 --calls.hold_s=1
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "scenario failed with ${status}")
endif()
file(GLOB pcaps ${WORK_DIR}/runs/run-0000/pcap-access-*.pcap)
execute_process(COMMAND python3 ${SOURCE_DIR}/scripts/srtp-decrypt-pcap.py
                        ${WORK_DIR}/runs/run-0000/srtp-keys.log ${pcaps}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "captured SRTP did not decrypt with the key log")
endif()
