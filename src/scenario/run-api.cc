#include "run-api.h"

#include "param-value.h"

#include <stdexcept>

namespace mediasec
{
namespace scenario
{

void
ParameterSet::Set(const std::string& key, const std::string& value)
{
    m_values[key] = value;
}

const std::string&
ParameterSet::Get(const std::string& key) const
{
    auto it = m_values.find(key);
    if (it == m_values.end())
    {
        throw std::out_of_range("unknown scenario key '" + key + "'");
    }
    return it->second;
}

int64_t
ParameterSet::GetInt(const std::string& key) const
{
    auto value = ParseInteger(Get(key));
    if (!value)
    {
        throw std::invalid_argument(key + ": '" + Get(key) + "' is not an integer");
    }
    return *value;
}

double
ParameterSet::GetReal(const std::string& key) const
{
    auto value = ParseReal(Get(key));
    if (!value)
    {
        throw std::invalid_argument(key + ": '" + Get(key) + "' is not a real number");
    }
    return *value;
}

bool
ParameterSet::GetBool(const std::string& key) const
{
    auto value = ParseBoolean(Get(key));
    if (!value)
    {
        throw std::invalid_argument(key + ": '" + Get(key) + "' is not a boolean");
    }
    return *value;
}

const std::map<std::string, std::string>&
ParameterSet::All() const
{
    return m_values;
}

} // namespace scenario
} // namespace mediasec
