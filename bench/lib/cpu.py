"""bench/lib/cpu.py: CPU time from /proc, for bench/lib/cpu.sh (which says what each command prints).

    cpu.py groups GROUP...   clock ticks of process trees (GROUP: pids separated by commas), or of the JIT
                             compiler threads of processes (GROUP: jit:PID,...), one number per group
    cpu.py threads PID...    {thread kind: [user ticks, system ticks, voluntary context switches, involuntary
                             ones]} over the threads of those processes
"""
import json
import os
import re
import sys


def stat_fields(path):
    """The fields of a /proc stat file after the command name: state is [0], ppid [1], utime [11], stime [12]."""
    with open(path) as f:
        text = f.read()
    name, rest = text.split('(', 1)[1].rsplit(')', 1)
    return name, rest.split()


def switches(pid, tid):
    """(voluntary, involuntary) context switches of one thread so far: it waited, or it was preempted."""
    counts = {}
    with open('/proc/%s/task/%s/status' % (pid, tid)) as f:
        for line in f:
            if line.endswith('ctxt_switches\n') or 'ctxt_switches:' in line:
                key, value = line.split(':')
                counts[key.strip()] = int(value)
    return counts.get('voluntary_ctxt_switches', 0), counts.get('nonvoluntary_ctxt_switches', 0)


def threads(pids, with_switches=False):
    """(thread name, user ticks, system ticks[, voluntary, involuntary switches]) of every thread of those
    processes that can still be read."""
    for pid in pids:
        try:
            tids = os.listdir('/proc/%s/task' % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                name, fields = stat_fields('/proc/%s/task/%s/stat' % (pid, tid))
                extra = switches(pid, tid) if with_switches else ()
            except OSError:
                continue
            yield (name, int(fields[11]), int(fields[12])) + tuple(extra)


def groups(args):
    stats = {}
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                fields = stat_fields('/proc/%s/stat' % name)[1]
            except OSError:
                continue
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
        return sum(u + s for name, u, s in threads(pids) if name.startswith(('C1 CompilerThre', 'C2 CompilerThre')))

    out = []
    for group in args:
        jit = group.startswith('jit:')
        pids = {int(p) for p in group[4 if jit else 0:].split(',') if p}
        out.append(jit_ticks(pids) if jit else tree_ticks(pids))
    print(' '.join(str(n) for n in out))


def thread_kinds(pids):
    kinds = {}
    for name, *counts in threads(pids, with_switches=True):
        kind = re.sub(r'[0-9]+', '', name)
        kinds[kind] = [a + b for a, b in zip(kinds.get(kind, [0, 0, 0, 0]), counts)]
    print(json.dumps(kinds))


if __name__ == '__main__':
    {'groups': groups, 'threads': thread_kinds}[sys.argv[1]](sys.argv[2:])
