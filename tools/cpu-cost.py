#!/usr/bin/env python3
"""What the panel costs without a GPU: the panel under Xvfb (Mesa llvmpipe, software
OpenGL) against gcsim with 100 agents in one queue and extra presence churn, measured in
one run per event rate.

  tools/cpu-cost.py                       # at rest (0), 200 and 1,000 events/s, 40 s each
  tools/cpu-cost.py --rates 1000 --seconds 20

For each rate it reports, over the measured window (after 8 s of warm-up):
  - CPU per event, whole process (every thread, the rasterizer's included), in ms;
  - CPU per event without the rasterizer threads (llvmpipe-*);
  - resident memory at the end (MB);
  - frames drawn per second, and event -> screen p99 (ms) from --stats-json.
Events are the WebSocket messages gcsim sent to the panel's channels (its framesSent).
Exit code 0, or 2 when something could not start. Not part of CI (it measures, it does not
judge: the machine's load changes the figures).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """{thread name: CPU seconds} for every thread of `pid` (names repeat: summed)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / TICKS
    return out


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def frames_sent(base):
    with urllib.request.urlopen(base + "/_sim/state", timeout=10) as r:
        return json.load(r)["framesSent"]


def start_gcsim(build, rate, agents):
    # Rate 0: an org where nothing happens (no scenario), to measure the panel at rest.
    flags = ["--no-scenario"] if rate == 0 else ["--event-rate", str(rate)]
    proc = subprocess.Popen([f"{build}/bin/gcsim", "--agents", str(agents), "--queues", "1"] + flags,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.search(r"listening on (\S+)", line)
    if not match:
        proc.kill()
        sys.exit(f"cpu-cost: gcsim did not start: {line!r}")
    return proc, match.group(1)


def start_xvfb():
    for display in range(90, 140):
        if os.path.exists(f"/tmp/.X11-unix/X{display}"):
            continue
        proc = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline and not os.path.exists(f"/tmp/.X11-unix/X{display}"):
            time.sleep(0.05)
        if proc.poll() is None:
            return proc, f":{display}"
    sys.exit("cpu-cost: no free X display")


def measure(build, rate, seconds, warmup, agents, extra):
    gcsim, base = start_gcsim(build, rate, agents)
    xvfb, display = start_xvfb()
    stats_path = tempfile.mktemp(suffix=".json")
    panel = subprocess.Popen([f"{build}/bin/supervisor-panel", "--gcsim", base, "--size", "1600", "--height", "900",
                              "--exit-after", str(warmup + seconds + 2), "--stats-json", stats_path] + extra,
                             env=dict(os.environ, DISPLAY=display), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(warmup)
        cpu0, sent0, t0 = thread_cpu(panel.pid), frames_sent(base), time.time()
        time.sleep(seconds)
        cpu1, sent1, t1 = thread_cpu(panel.pid), frames_sent(base), time.time()
        rss = rss_mb(panel.pid)
        panel.wait(timeout=60)
    finally:
        for proc in (panel, xvfb, gcsim):
            if proc.poll() is None:
                proc.kill()
    with open(stats_path) as f:
        stats = json.load(f)
    os.unlink(stats_path)
    used = {name: cpu1.get(name, 0) - cpu0.get(name, 0) for name in cpu1}
    total = sum(used.values())
    raster = sum(v for name, v in used.items() if name.startswith("llvmpipe"))
    events = sent1 - sent0
    elapsed = t1 - t0
    per_event = (lambda cpu: 1000 * cpu / events) if events > 0 else (lambda cpu: float("nan"))
    return {
        "rate": rate,
        "events_per_s": events / elapsed,
        "ms_per_event": per_event(total),
        "ms_per_event_without_raster": per_event(total - raster),
        "cpu_cores": total / elapsed,
        "rss_mb": rss,
        "fps": stats["frames"] / (warmup + seconds + 2),
        "raster_ms_per_frame": 1000 * raster / max(1.0, stats["frames"] * elapsed / (warmup + seconds + 2)),
        "event_to_screen_p99_ms": stats.get("event_to_screen_ms_p99", -1),
        "top_threads": sorted(((round(v / elapsed, 3), n) for n, v in used.items()), reverse=True)[:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", default="0,200,1000")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--warmup", type=float, default=8)
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--build", default="build")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("panel_args", nargs="*", help="extra panel flags, after --")
    args = parser.parse_args()
    results = [measure(args.build, int(rate), args.seconds, args.warmup, args.agents, args.panel_args)
               for rate in args.rates.split(",")]
    print("| events/s asked (got) | CPU ms/event, whole | without rasterizer | CPU cores | RSS MB | frames/s | rasterizer ms/frame | event->screen p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['rate']} ({r['events_per_s']:.0f}) | {r['ms_per_event']:.3f} | {r['ms_per_event_without_raster']:.3f} | "
              f"{r['cpu_cores']:.3f} | {r['rss_mb']:.0f} | {r['fps']:.1f} | {r['raster_ms_per_frame']:.1f} | "
              f"{r['event_to_screen_p99_ms']:.0f} |")
    for r in results:
        print(f"  {r['rate']}/s busiest threads (cores): {r['top_threads']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
