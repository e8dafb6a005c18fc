/**
 * \file
 * Summary statistics the benchmarks print: medians of per-round figures with their range.
 */
#ifndef IMS_BENCH_STATS_H
#define IMS_BENCH_STATS_H

#include <vector>

/** \return the median of \p values (by copy) */
double Median(std::vector<double> values);

/** \brief Prints "label median m unit min a unit max b unit" for \p values. */
void PrintSummary(const char* label, const std::vector<double>& values, const char* unit);

#endif
