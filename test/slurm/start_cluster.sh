#!/usr/bin/env bash
# Starts a single-node Slurm cluster on loopback for the slurm executor tests: installs slurm-wlm
# and munge when missing, writes a slurm.conf sized to this machine, and starts munged, slurmctld
# and slurmd as plain background processes (CI machines have no systemd). Does nothing when the
# node already answers. Needs root. Stop it with: test/slurm/start_cluster.sh --stop
set -euo pipefail

CONF_DIR=/etc/slurm
STATE_DIR=/var/spool/slurmctld
SPOOL_DIR=/var/spool/slurmd
LOG_DIR=/var/log/slurm
RUN_DIR=/run/slurm

stop_daemons() {
  # By the pids in their pid files, never by name: other clusters may run on the machine.
  for pidfile in "$RUN_DIR/slurmd.pid" "$RUN_DIR/slurmctld.pid" /run/munge/munged.pid; do
    if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
    rm -f "$pidfile"
  done
}

if [ "${1:-}" = "--stop" ]; then
  stop_daemons
  exit 0
fi

node_state() { sinfo -h -N -o '%T' 2>/dev/null | head -n1; }
# A node running jobs is up too: restarting would wipe them.
node_up() { [[ "$(node_state)" =~ ^(idle|mixed|allocated|completing) ]]; }

if command -v sinfo >/dev/null && node_up; then
  echo "slurm: node already up"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "slurm: cannot start a cluster: root needed to install and run the daemons" >&2
  exit 1
fi

started=$(date +%s.%N)

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  # Keep the packages' maintainer scripts from starting the services themselves.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null; }
  rm -f /usr/sbin/policy-rc.d
fi

# A node that claims more CPUs or memory than the machine has is marked INVAL.
cpus=$(nproc)
mem_mb=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 - 512))

mkdir -p "$CONF_DIR" "$STATE_DIR" "$SPOOL_DIR" "$LOG_DIR" "$RUN_DIR"
cat >"$CONF_DIR/slurm.conf" <<EOF
ClusterName=sieve-test
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$STATE_DIR
SlurmdSpoolDir=$SPOOL_DIR
SlurmctldPidFile=$RUN_DIR/slurmctld.pid
SlurmdPidFile=$RUN_DIR/slurmd.pid
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG_DIR/jobcomp.log
ReturnToService=2
# Without it a job that depends afterok on a failed job pends forever (22.05 reads it only here).
DependencyParameters=kill_invalid_depend
# One scheduling wave a second instead of every three.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MaxArraySize=10001
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
# Two tasks per core: a phase of four tasks runs in one wave on a two-core CI machine.
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:2
EOF

stop_daemons
# A clean cluster: no jobs left over from an earlier one.
rm -rf "${STATE_DIR:?}"/* "${SPOOL_DIR:?}"/*

mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
runuser -u munge -- munged

slurmctld
slurmd

for _ in $(seq 1 100); do
  if node_up; then
    awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "slurm: node up in %.1f s\n", b - a }'
    exit 0
  fi
  sleep 0.2
done
echo "slurm: node did not become idle (state: $(node_state)); see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log" >&2
exit 1
