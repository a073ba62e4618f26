#!/usr/bin/env bash
# Regenerates screenshots/<view>.png (rendered picture) and screenshots/<view>.txt
# (plain text, for diffs) from the demo data, at 100x30, in a private tmux server.
#
#   scripts/screenshots.sh
#
# Needs cargo, tmux, python3 with Pillow and DejaVu Sans Mono; installs the last
# three (apt-get / pip) when they are missing. Each view is taken in a fresh
# session of the app, so one view's keys cannot disturb the next.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOCKET=pilotage-shots
COLS=100
ROWS=30
TODAY=2026-11-23
BIN=./target/release/pilotage
OUT=screenshots
export LANG=C.UTF-8

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pilotage-shots.XXXXXX")

# Our own server (-L) and config (-f), so neither the user's tmux nor their
# ~/.tmux.conf is involved. No status line: all 30 rows belong to the app.
cat >"$WORK/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 0
EOF
tmx() { tmux -u -L "$SOCKET" -f "$WORK/tmux.conf" "$@"; }

cleanup() {
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "screenshots.sh: need root to run: $*" >&2
        return 1
    fi
}

apt_install() {
    echo "screenshots.sh: installing $*" >&2
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

have_font() {
    [ -n "$(find /usr/share/fonts /usr/local/share/fonts -name DejaVuSansMono.ttf 2>/dev/null || true)" ]
}

# --- 1. build -------------------------------------------------------------
cargo build --release

# --- 2. tools -------------------------------------------------------------
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
have_font || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi
if ! python3 -c 'import PIL' 2>/dev/null; then
    python3 -m pip install --quiet pillow || apt_install python3-pil
fi

# --- 3. captures ----------------------------------------------------------
mkdir -p "$OUT"
tmux -L "$SOCKET" kill-server 2>/dev/null || true # left over from an interrupted run

screen_text() { tmx capture-pane -p -t "$1"; }

# wait_for SESSION TEXT: until TEXT is on the screen (10 s at most).
wait_for() {
    local session=$1 text=$2 i
    for ((i = 0; i < 100; i++)); do
        [[ "$(screen_text "$session")" == *"$text"* ]] && return 0
        sleep 0.1
    done
    echo "screenshots.sh: '$text' never appeared in $session; the screen was:" >&2
    screen_text "$session" >&2
    return 1
}

# settle SESSION: until two captures in a row (0.15 s apart) are the same.
settle() {
    local session=$1 prev="" cur i
    for ((i = 0; i < 40; i++)); do
        sleep 0.15
        cur=$(tmx capture-pane -e -p -t "$session")
        [[ "$cur" == "$prev" ]] && return 0
        prev=$cur
    done
    echo "screenshots.sh: warning: $session still changing" >&2
}

# shoot NAME "APP ARGS" KEY...
# (APP in the environment replaces --demo: the client of a server, below.)
# Starts the demo with APP ARGS, sends each KEY (a tmux key name such as Enter,
# or lit:TEXT for literal text), then saves NAME.txt and NAME.png. W and H in the
# environment change the size (80x24 shows what a coordinator over SSH sees).
shoot() {
    local name=$1 args=$2 session="$SOCKET-$1" key i cols=${W:-$COLS} rows=${H:-$ROWS}
    shift 2
    tmx new-session -d -x "$cols" -y "$rows" -s "$session" \
        "env -u NO_COLOR -u LC_ALL -u LC_MESSAGES -u PILOTAGE_DB TERM=xterm-256color LANG=C.UTF-8 \
         $BIN ${APP:---demo} --today $TODAY $args"
    # The status bar's date: there in every language once the first frame is.
    wait_for "$session" "23/11/2026"
    settle "$session"
    for key in "$@"; do
        case $key in
        lit:*) tmx send-keys -t "$session" -l -- "${key#lit:}" ;;
        *) tmx send-keys -t "$session" "$key" ;;
        esac
        settle "$session"
    done
    tmx capture-pane -e -p -t "$session" >"$WORK/$name.ans"
    tmx capture-pane -p -t "$session" >"$OUT/$name.txt"
    python3 scripts/ansi_to_png.py "$WORK/$name.ans" "$OUT/$name.png" --cols "$cols" --rows "$rows"
    # Quit properly (the app then removes its throwaway demo store), then drop the session.
    tmx send-keys -t "$session" C-c # quits from any screen, prompts included
    for ((i = 0; i < 50; i++)); do
        [ "$(tmx display-message -p -t "$session" '#{pane_dead}')" = 1 ] && break
        sleep 0.1
    done
    tmx kill-session -t "$session"
    echo "  $OUT/$name.png"
}

echo "screenshots.sh: capturing into $OUT/"
shoot prisons "" 1
shoot gaps "" 2
shoot authorisations "" 3
shoot training "" 4
shoot prison-detail "" 1 / lit:lantin Enter Enter
shoot help "" '?'
shoot gaps-fr "--lang fr" 2
shoot ascii "--ascii --no-color" 1
shoot appoint-form "" 2 / lit:andenne Enter a lit:nath
shoot step-form "" 3 e
# The same at 80x24, and in the three languages: what a new user meets.
W=80 H=24 shoot prisons-80x24 "" 1
W=80 H=24 shoot prisons-fr-80x24 "--lang fr" 1
W=80 H=24 shoot prisons-nl-80x24 "--lang nl" 1
W=80 H=24 shoot authorisations-80x24 "" 3
W=80 H=24 shoot training-nl-80x24 "--lang nl" 4
W=80 H=24 shoot help-fr-80x24 "--lang fr" '?'
W=80 H=24 shoot help-nl-80x24 "--lang nl" '?'
W=80 H=24 shoot appoint-new-person-80x24 "" 2 / lit:andenne Enter a "lit:Zoé Nouvelle"
W=80 H=24 shoot meeting-form-fr-80x24 "--lang fr" 1 / lit:lantin Enter a Tab Tab
W=80 H=24 shoot form-errors-nl-80x24 "--lang nl" p C-s
W=80 H=24 shoot discard-nl-80x24 "--lang nl" p lit:x Escape
W=80 H=24 shoot history-80x24 "" 4 h
W=80 H=24 shoot trend-80x24 "" f
W=80 H=24 shoot trend-seats-fr-80x24 "--lang fr" f Down Down
W=80 H=24 shoot central-detail-80x24 "" 1 Enter
W=80 H=24 shoot thresholds-form-80x24 "" r
W=80 H=24 shoot thresholds-form-nl-80x24 "--lang nl" r
W=80 H=24 shoot coordinator-form-nl-80x24 "--lang nl" 1 / lit:haren Enter e Tab Tab
# The concertation (CAPB): its pane, a meeting carried by proxies, a vote taken member by
# member, the attendance of a new meeting with a proxy, and in French the vote's count.
shoot concertation "" 5
W=80 H=24 shoot concertation-80x24 "" 5
W=80 H=24 shoot capb-meeting-80x24 "" 5 / lit:2015 Enter Enter
W=80 H=24 shoot capb-vote-80x24 "" 5 / lit:2015 Enter Enter v "lit:Ask the minister for naloxone kits" C-s + + - 0 x
W=80 H=24 shoot capb-attendance-nl-80x24 "--lang nl" 5 m C-s p p g Down p x
W=80 H=24 shoot capb-vote-fr-80x24 "--lang fr" 5 / lit:2015 Enter Enter v "lit:Demander des kits de naloxone" C-s + + - 0
# Several people: the demo's data in a store that `pilotage serve` holds; the UI is its client,
# and the status bar names the role the server gave this account.
SHARED="$WORK/shared"
mkdir -p "$SHARED"
$BIN --demo --today $TODAY export --internal "$SHARED/export" >/dev/null 2>&1
$BIN --db "$SHARED/store" --today $TODAY --keep-backups 0 import "$SHARED/export" >/dev/null 2>&1
$BIN --db "$SHARED/store" --socket "$SHARED/s.sock" --today $TODAY --keep-backups 0 serve >/dev/null 2>&1 &
SERVER=$!
for ((i = 0; i < 100; i++)); do [ -S "$SHARED/s.sock" ] && break; sleep 0.1; done
APP="--db $SHARED/store --socket $SHARED/s.sock" W=80 H=24 shoot shared-coordinator-80x24 "" 2
APP="--db $SHARED/store --socket $SHARED/s.sock" W=80 H=24 shoot shared-grant-fr-80x24 "--lang fr" U lit:4242 Tab Tab lit:lantin Enter
kill "$SERVER" 2>/dev/null || true
