#!/bin/sh
# Waku Chat launcher (Linux). Installed as bin/<name> in place of jpackage's native launcher,
# which asks the package manager where the app lives at every start — `rpm -qf` and `dpkg -S`
# on its own path, twice (launcher and libapplauncher), plus `dpkg -L` when installed — 0.3-0.5 s
# before the JVM even starts on a Debian/Ubuntu desktop (dpkg reads every package's file list).
# This script starts the same JVM with the same options, read from lib/app/<name>.cfg (the
# file jpackage wrote and the AOT training extended), so nothing else changes.
# Like jpackage's launcher: $APPDIR, $BINDIR and $ROOTDIR in the .cfg are expanded, the app
# folder is appended to LD_LIBRARY_PATH, -Djpackage.app-path is this launcher, and
# JDK_JAVA_OPTIONS is ignored (JAVA_TOOL_OPTIONS still reaches the JVM).
self=$(readlink -f -- "$0") || exit 1
name=${self##*/}
BINDIR=${self%/*}
ROOTDIR=${BINDIR%/*}
APPDIR=$ROOTDIR/lib/app
cfg=$APPDIR/$name.cfg
[ -r "$cfg" ] || { echo "$name: cannot read $cfg" >&2; exit 1; }
# The JVM runs as lib/runtime/bin/<name> (a copy of `java`), so that the process is called
# <name>, as with jpackage's launcher; plain java when the copy is missing.
java=$ROOTDIR/lib/runtime/bin/$name
[ -x "$java" ] || java=$ROOTDIR/lib/runtime/bin/java

expand() { # expand VALUE: prints VALUE with $APPDIR, $BINDIR and $ROOTDIR replaced
  rest=$1 out=
  while :; do
    case $rest in
      *'$APPDIR'*|*'$BINDIR'*|*'$ROOTDIR'*) ;;
      *) break ;;
    esac
    before=${rest%%\$*}
    rest=${rest#"$before"}
    case $rest in
      '$APPDIR'*) out=$out$before$APPDIR rest=${rest#'$APPDIR'} ;;
      '$BINDIR'*) out=$out$before$BINDIR rest=${rest#'$BINDIR'} ;;
      '$ROOTDIR'*) out=$out$before$ROOTDIR rest=${rest#'$ROOTDIR'} ;;
      *) out=$out$before\$ rest=${rest#\$} ;;
    esac
  done
  printf '%s' "$out$rest"
}

# The user's arguments stay in "$@"; the JVM's are appended after them and rotated to the
# front at the end (POSIX sh has no arrays).
user_args=$#
classpath= mainclass=
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    app.classpath=*) classpath=${classpath:+$classpath:}$(expand "${line#app.classpath=}") ;;
    app.mainclass=*) mainclass=${line#app.mainclass=} ;;
    java-options=*) set -- "$@" "$(expand "${line#java-options=}")" ;;
  esac
done < "$cfg"
[ -n "$mainclass" ] || { echo "$name: no app.mainclass in $cfg" >&2; exit 1; }
set -- "$@" "-Djpackage.app-path=$self" -cp "$classpath" "$mainclass"
while [ "$user_args" -gt 0 ]; do
  set -- "$@" "$1"
  shift
  user_args=$((user_args - 1))
done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}:$APPDIR"
unset JDK_JAVA_OPTIONS
exec "$java" "$@"
