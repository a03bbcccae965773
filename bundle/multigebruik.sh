#!/bin/sh
# multigebruik for Linux: runs the Node.js in node/ with the program in app/.
# All arguments are passed on unchanged; the exit code (0 ok, 1 bad input, 2 internal fault) is passed back.
# Needs only /bin/sh: no Node.js on PATH, no other tools, no network.
case "$0" in
  */*) here=${0%/*} ;;
  *) here=. ;;
esac
exec "$here/node/node" "$here/app/multigebruik.js" "$@"
