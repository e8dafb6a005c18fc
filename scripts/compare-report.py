#!/usr/bin/env python3
"""Renders the side-by-side comparison of media security schemes as Markdown.

Reads the summary.csv of a compare-all run (one row per run, any number of seeds per scheme)
and prints one row per scheme: setup delay p50/p95 (median over the seeds), SIP and key
management messages and bytes per call per interface, KMS requests per call, the nodes that
held a media key (as measured by the simulation), and which features a flow test of this
project demonstrates for the scheme.

Usage: scripts/compare-report.py results/compare-all/summary.csv [--out report.md]
"""
import argparse
import csv
import statistics
import sys

INTERFACES = ["Gm", "Mw", "Iq", "Ua"]

# Feature -> scheme -> the flow test that demonstrates it (tests/flow, tests/attack); a scheme
# without an entry has no such test (the feature is not supported or not modelled).
FEATURE_TESTS = {
    "forking": {
        "sdes-e2e": "Forking.GivenThreeDevicesOfOneIdentity_WhenCalled_ThenOneDialogIsKeptAndTheOthersReleased"
                    " (every device held the caller's key: Forking.GivenSdesE2e_WhenForked_ThenEveryDeviceHeldTheCallersKey)",
        "kms-ticket": "KmsTicketFlow.GivenKmsTicketAndForking_WhenCalled_ThenEachDeviceGetsItsOwnKeys",
    },
    "deferred delivery": {
        "none": "DeferredDeliveryFlow.GivenPlainRtp_WhenTheCallGoesToVoiceMail_ThenTheServerCanReadTheMedia",
        "kms-ticket": "DeferredDeliveryFlow.GivenAnOfflineCallee_WhenTheCallGoesToVoiceMail_ThenOnlyTheRecipientDecryptsItLater",
    },
    "transcoder": {
        "kms-ticket": "TranscoderFlow.GivenAnAuthorizedNamedTranscoder_WhenUe0CallsUe1_ThenBothDirectionsArriveConverted",
    },
    "PSTN interworking": {
        "otway-rees-e2m": "OtwayReesE2mFlow.GivenAnAuthorizedSgw_WhenUeACallsPstn_ThenUeAAndMgwShareKeysAndMediaFlows",
    },
    "group": {
        "kms-ticket": "KmsTicketFlow.GivenReusableGroupTickets_WhenCallersCallRandomMembers_ThenOneRequestPerCaller"
                      " (conference: ConferenceFlow.GivenThreeGroupMembers_WhenTheServerDials_ThenAllJoinAndEveryStreamDecrypts)",
    },
}


def median_text(values):
    """Median of numeric texts, printed like the inputs; '-' when none is numeric."""
    numbers = []
    for v in values:
        try:
            numbers.append(float(v))
        except ValueError:
            pass
    if not numbers:
        return "-"
    m = statistics.median(numbers)
    return f"{m:.3f}" if any("." in v for v in values) else f"{m:g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", help="summary.csv of a compare-all run")
    parser.add_argument("--out", help="write the Markdown here instead of stdout")
    args = parser.parse_args()
    with open(args.summary, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or "run.scheme" not in rows[0]:
        sys.exit(f"{args.summary}: no run.scheme column (not a scenario summary)")
    schemes = []
    for r in rows:
        if r["run.scheme"] not in schemes:
            schemes.append(r["run.scheme"])

    header = ["scheme", "runs", "setup p50 ms", "setup p95 ms", "calls ok"]
    header += [f"msgs/call {i}" for i in INTERFACES] + [f"bytes/call {i}" for i in INTERFACES]
    header += ["KMS req/call", "key holders"] + list(FEATURE_TESTS)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for scheme in schemes:
        runs = [r for r in rows if r["run.scheme"] == scheme]
        cells = [scheme, str(len(runs)),
                 median_text([r["setup_delay_p50_ms"] for r in runs]),
                 median_text([r["setup_delay_p95_ms"] for r in runs]),
                 f'{sum(int(r["calls_completed"]) for r in runs)}/'
                 f'{sum(int(r["calls_placed"]) for r in runs)}']
        cells += [median_text([r[f"msgs_per_call_{i}"] for r in runs]) for i in INTERFACES]
        cells += [median_text([r[f"bytes_per_call_{i}"] for r in runs]) for i in INTERFACES]
        cells.append(median_text([r["kms_requests_per_call"] for r in runs]))
        holders = sorted({h for r in runs for h in r["key_holders"].split(";") if h})
        cells.append(", ".join(holders) if holders else "nobody (no key)")
        cells += ["yes" if scheme in FEATURE_TESTS[f] else "no" for f in FEATURE_TESTS]
        lines.append("| " + " | ".join(cells) + " |")
    notes = ["", "Feature evidence (flow tests):"]
    for feature, tests in FEATURE_TESTS.items():
        for scheme, test in tests.items():
            notes.append(f"- {feature}, {scheme}: `{test}`")
    text = "\n".join(lines + notes) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
