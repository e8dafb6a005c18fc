# Runs the default scenario into WORK_DIR and compares its summary with the committed one.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${RUNNER} ${SOURCE_DIR}/scenarios/default.ini --output-dir ${WORK_DIR} -j 1
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "default scenario failed with ${status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/summary.csv
                        ${SOURCE_DIR}/results/default/summary.csv RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "summary.csv differs from results/default/summary.csv (see results/README.md)")
endif()
