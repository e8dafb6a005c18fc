/**
 * \file
 * The contract between the scenario runner (files, sweeps, parallel runs, CSV) and the
 * simulation that executes one run. The runner knows nothing of ns-3; the simulation
 * knows nothing of files and sweeps.
 */
#ifndef IMS_RUN_API_H
#define IMS_RUN_API_H

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Value type of a scenario parameter, used to validate file and command-line values. */
enum class ParamKind
{
    Integer, //!< signed 64-bit decimal, within [min, max]
    Real,    //!< decimal floating point, within [min, max]
    Text,    //!< any string
    Boolean, //!< true/false/1/0/yes/no
    Choice,  //!< one of ParamSpec::choices
};

/** \brief One known scenario key: "section.name" as written in the INI file. */
struct ParamSpec
{
    std::string key;                  //!< e.g. "run.scheme", "topology.ues"
    ParamKind kind;                   //!< value type
    std::string defaultValue;         //!< used when neither file nor command line sets it
    std::string help;                 //!< one line for --help
    std::vector<std::string> choices{}; //!< allowed values for Choice
    double min = std::numeric_limits<double>::lowest(); //!< lower bound (Integer, Real)
    double max = std::numeric_limits<double>::max();    //!< upper bound (Integer, Real)
};

/** \brief Validated values of every known key for one run. */
class ParameterSet
{
  public:
    /** \brief Sets \p key to \p value (no validation; the runner validates before). */
    void Set(const std::string& key, const std::string& value);
    /** \return the value of \p key; throws std::out_of_range naming the key if unknown */
    const std::string& Get(const std::string& key) const;
    int64_t GetInt(const std::string& key) const;   //!< \return Get(key) as an integer
    double GetReal(const std::string& key) const;   //!< \return Get(key) as a real
    bool GetBool(const std::string& key) const;     //!< \return Get(key) as a boolean
    /** \return all keys and values, sorted by key */
    const std::map<std::string, std::string>& All() const;

  private:
    std::map<std::string, std::string> m_values; //!< key -> value
};

/** \brief Named metric values of one run, in output column order. */
using Metrics = std::vector<std::pair<std::string, std::string>>;

/** \brief Where one run writes its files. */
struct RunContext
{
    uint32_t runIndex; //!< 0-based index of the run within the sweep
    std::string runDir; //!< existing folder for per-call CSV, key log and pcaps of this run
};

/** \brief Executes one run; must be deterministic for a given ParameterSet. */
using RunFunction = std::function<Metrics(const ParameterSet&, const RunContext&)>;

} // namespace scenario
} // namespace mediasec

#endif
