#!/usr/bin/env bash
# Runs the JMH benchmarks and prints the README's table.
#   benchmarks/run.sh           short run (a few minutes on a laptop): 1 fork, 2 x 1 s warm-up, 3 x 1 s measured
#   benchmarks/run.sh full      full run: 2 forks, 5 x 1 s warm-up, 5 x 2 s measured, 1,000,000 members in the sweep (population)
#   benchmarks/run.sh short 'Earn'   only the benchmarks whose name matches the regular expression
# Extra JMH options can follow the pattern. Results go to benchmarks/target/results.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-short}"
# The PostgreSQL benchmarks (package .jdbc) only mean something with a server: they run by default
# only when LOYALTY_PG_URL names one (url=$(.ci/postgres.sh) starts a throwaway one).
if [ -n "${LOYALTY_PG_URL:-}" ]; then default='.*'; else default='^io\.github\.loyaltyrules\.benchmarks\.[A-Z]'; fi
pattern="${2:-$default}"
shift $(( $# > 2 ? 2 : $# ))

./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results.csv
case "$mode" in
  short) opts=(-f 1 -wi 2 -w 1 -i 3 -r 1) ;;
  full)  opts=(-f 2 -wi 5 -w 1 -i 5 -r 2 -p "population=1000000") ;;
  *) echo "unknown mode '$mode'; use short or full" >&2; exit 2 ;;
esac
echo "$(java -version 2>&1 | head -n 1); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
java ${LOYALTY_PG_URL:+-Dloyalty.pg.url="$LOYALTY_PG_URL"} -jar "$jar" "$pattern" "${opts[@]}" -prof gc \
  -rf csv -rff "$out" "$@" >benchmarks/target/jmh.log 2>&1
java -cp "$jar" io.github.loyaltyrules.benchmarks.Report "$out"
