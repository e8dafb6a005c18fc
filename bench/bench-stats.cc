#include "bench-stats.h"

#include <algorithm>
#include <cstdio>

double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void
PrintSummary(const char* label, const std::vector<double>& values, const char* unit)
{
    std::printf("  %-40s median %9.3f%s  min %9.3f%s  max %9.3f%s\n", label, Median(values), unit,
                *std::min_element(values.begin(), values.end()), unit,
                *std::max_element(values.begin(), values.end()), unit);
}
