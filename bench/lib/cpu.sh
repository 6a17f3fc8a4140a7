# bench/lib/cpu.sh: sourced by the benchmarks. cpu_ticks GROUP... prints, for each GROUP (process ids separated by
# commas), the CPU time in clock ticks (getconf CLK_TCK a second) that the process trees rooted at those processes
# have used so far, one number per group on one line, from one reading of /proc. For each process of a tree: its
# own user + system time (fields 14 and 15 of /proc/PID/stat) plus that of its children it has already waited for
# (fields 16 and 17). A child that ends between two readings moves from "live" to its parent's waited-for time, so
# the difference of two readings counts it once: this is what makes PostgreSQL (a process per connection)
# measurable. A process that has ended counts as 0. A group written jit:PID,... counts only the JIT compiler threads
# of those processes (threads named "C1 CompilerThre..." or "C2 CompilerThre...", /proc/PID/task/TID/stat): the
# part of a JVM's CPU that goes into compiling rather than serving.
cpu_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cpu_ticks() {
  python3 "$cpu_lib/cpu.py" groups "$@"
}

# thread_ticks PID...: one JSON object {thread kind: [user ticks, system ticks] so far} over the threads of those
# processes, where a thread's kind is its name with its digits dropped ("XNIO-1 I/O-2" -> "XNIO- I/O-"), so that the
# CPU of several JVMs adds up per kind of thread. bench/cluster.sh uses it with BENCH_THREADS=1 to show
# which threads' CPU per request changes with the number of nodes.
thread_ticks() {
  python3 "$cpu_lib/cpu.py" threads "$@"
}
