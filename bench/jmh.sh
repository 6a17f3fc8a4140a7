#!/usr/bin/env bash
# bench/jmh.sh: the JMH benchmarks of code paths inside the JVM (bench/jmh: hashing while streaming, format
# inspection, JSON patch, policy evaluation). Builds bench/jmh/target/benchmarks.jar with the jmh profile (which
# alone brings the bench/jmh module into the reactor, so `mvn verify` and CI never build or run it), then runs it.
#
#   bench/jmh.sh                       every benchmark, with the settings of each class (1 fork, 3 x 2 s warm-up,
#                                      5 x 2 s measured): about 5 minutes
#   bench/jmh.sh Policy                the benchmarks whose name matches a regular expression
#   bench/jmh.sh -f 1 -wi 1 -i 2 -r 1s a quicker, rougher run; any option of JMH (bench/jmh.sh -h lists them)
#   bench/jmh.sh -rf json -rff out.json  also writes the results as JSON
#
# Read the table JMH prints last: Score is the average time of one operation in the Units column, Error the
# half-width of its 99.9% confidence interval over the measured iterations. Compare rows of one run on one machine;
# on a shared machine run it twice and trust only differences that both runs show.
# Knobs: JMH_SKIP_BUILD=1 runs the jar that is there; NICE=0 does not lower the priority (default nice -n 19).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/bench/jmh/target/benchmarks.jar
nice=(nice -n "${NICE:-19}")
[ "${NICE:-19}" = 0 ] && nice=()
if [ "${JMH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  (cd "$root" && "${nice[@]}" mvn -B -ntp -q -Pjmh -pl bench/jmh -am -DskipTests package)
fi
exec "${nice[@]}" java -jar "$jar" "$@"
