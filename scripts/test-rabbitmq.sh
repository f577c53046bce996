#!/usr/bin/env bash
# A private RabbitMQ node for tests: its own node name, ports (AMQP, Erlang distribution, epmd),
# Erlang cookie, data and logs, all under DIR. No system service is used or touched.
#
#   scripts/test-rabbitmq.sh start DIR   starts (or restarts, same ports and data) the node; prints its amqp:// URI
#   scripts/test-rabbitmq.sh stop DIR    stops it (the data stays in DIR for a restart)
#
# Debian package: rabbitmq-server (its system service may stay stopped).
set -euo pipefail
cmd=${1:?usage: test-rabbitmq.sh start|stop DIR}
dir=${2:?usage: test-rabbitmq.sh start|stop DIR}
bin=/usr/lib/rabbitmq/bin
[ -x "$bin/rabbitmq-server" ] || { echo "rabbitmq-server is not installed (Debian package: rabbitmq-server)" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

free_port() {
  local p
  for p in $(shuf -i 56000-59999 -n 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$((p + 1000))") 2>/dev/null && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$((p + 2000))") 2>/dev/null && continue
    echo "$p"; return 0
  done
  return 1
}

# The first start fixes the node name and ports; a restart reuses them, so clients reconnect.
if [ ! -f "$dir/port" ]; then
  free_port > "$dir/port" || { echo "no free port" >&2; exit 1; }
  echo "mamori-test-$(date +%s%N | tail -c 9)-$$@localhost" > "$dir/nodename"
fi
port=$(cat "$dir/port")
export HOME=$dir
export RABBITMQ_NODENAME=$(cat "$dir/nodename")
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 1000))
export ERL_EPMD_PORT=$((port + 2000))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE=$dir/mnesia
export RABBITMQ_LOG_BASE=$dir/log
export RABBITMQ_PID_FILE=$dir/rabbit.pid
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
export RABBITMQ_CONFIG_FILE=$dir/rabbitmq
export RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config
export RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf

case "$cmd" in
  start)
    [ -f "$dir/enabled_plugins" ] || echo "[]." > "$dir/enabled_plugins"
    [ -f "$dir/advanced.config" ] || echo "[]." > "$dir/advanced.config"
    : > "$dir/rabbitmq-env.conf"
    cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = warning
CONF
    mkdir -p "$dir/log" "$dir/mnesia"
    if [ "$(id -u)" -eq 0 ]; then chmod 700 "$dir"; fi
    [ -f "$dir/.erlang.cookie" ] || { head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/.erlang.cookie"; chmod 400 "$dir/.erlang.cookie"; }
    setsid "$bin/rabbitmq-server" > "$dir/log/server.out" 2>&1 < /dev/null &
    started=""
    for _ in $(seq 1 60); do
      # await_startup fails at once while the node has not registered yet: ask again.
      if timeout 30 "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" await_startup > "$dir/log/await.out" 2>&1; then started=1; break; fi
      sleep 1
    done
    if [ -z "$started" ]; then
      echo "RabbitMQ did not start; see $dir/log" >&2
      tail -20 "$dir/log/server.out" >&2
      exit 1
    fi
    echo "amqp://guest:guest@127.0.0.1:$port/"
    ;;
  stop)
    timeout 60 "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" shutdown > /dev/null 2>&1 || true
    # The node's own epmd (private port) goes with it.
    command -v epmd >/dev/null 2>&1 && epmd -port "$ERL_EPMD_PORT" -kill > /dev/null 2>&1 || true
    ;;
  *) echo "usage: test-rabbitmq.sh start|stop DIR" >&2; exit 2 ;;
esac
