# bench/lib/cpu.sh: sourced by the benchmarks. cpu_ticks GROUP... prints, for each GROUP (process ids separated by
# commas), the CPU time in clock ticks (getconf CLK_TCK a second) that the process trees rooted at those processes
# have used so far, one number per group on one line, from one reading of /proc. For each process of a tree: its
# own user + system time (fields 14 and 15 of /proc/PID/stat) plus that of its children it has already waited for
# (fields 16 and 17). A child that ends between two readings moves from "live" to its parent's waited-for time, so
# the difference of two readings counts it once: this is what makes PostgreSQL (a process per connection)
# measurable. A process that has ended counts as 0. A group written jit:PID,... counts only the JIT compiler threads
# of those processes (threads named "C1 CompilerThre..." or "C2 CompilerThre...", /proc/PID/task/TID/stat): the
# part of a JVM's CPU that goes into compiling rather than serving.
cpu_ticks() {
  python3 - "$@" <<'PY'
import os, sys
stats = {}
for name in os.listdir('/proc'):
    if name.isdigit():
        try:
            with open('/proc/%s/stat' % name) as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        # after the ')' closing the command name: state is fields[0], ppid fields[1], utime fields[11] ...
        stats[int(name)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
children = {}
for pid, (ppid, _) in stats.items():
    children.setdefault(ppid, []).append(pid)
def tree_ticks(roots):
    total, todo, seen = 0, [p for p in roots if p in stats], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += stats[pid][1]
        todo.extend(children.get(pid, []))
    return total
def jit_ticks(pids):
    total = 0
    for pid in pids:
        try:
            tids = os.listdir('/proc/%d/task' % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                with open('/proc/%d/task/%s/stat' % (pid, tid)) as f:
                    text = f.read()
            except OSError:
                continue
            name, rest = text.split('(', 1)[1].rsplit(')', 1)
            if name.startswith(('C1 CompilerThre', 'C2 CompilerThre')):
                total += sum(int(x) for x in rest.split()[11:13])
    return total
def group_ticks(group):
    jit = group.startswith('jit:')
    pids = {int(p) for p in group[4 if jit else 0:].split(',') if p}
    return jit_ticks(pids) if jit else tree_ticks(pids)
print(' '.join(str(group_ticks(group)) for group in sys.argv[1:]))
PY
}

# thread_ticks PID...: one JSON object {thread kind: [user ticks, system ticks] so far} over the threads of those processes, where
# a thread's kind is its name (/proc/PID/task/TID/comm) with its digits dropped ("XNIO-1 I/O-2" -> "XNIO- I/O-"), so
# that the CPU of several JVMs adds up per kind of thread. bench/cluster.sh uses it with BENCH_THREADS=1 to show
# which threads' CPU per request changes with the number of nodes.
thread_ticks() {
  python3 - "$@" <<'PY'
import json, os, re, sys
kinds = {}
for pid in sys.argv[1:]:
    try:
        tids = os.listdir('/proc/%s/task' % pid)
    except OSError:
        continue
    for tid in tids:
        try:
            with open('/proc/%s/task/%s/stat' % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue
        name, rest = text.split('(', 1)[1].rsplit(')', 1)
        kind = re.sub(r'[0-9]+', '', name)
        user, system = (int(x) for x in rest.split()[11:13])
        old = kinds.get(kind, [0, 0])
        kinds[kind] = [old[0] + user, old[1] + system]
print(json.dumps(kinds))
PY
}
