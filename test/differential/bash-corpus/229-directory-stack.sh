# bash: pushd, popd and dirs (rotation, -n, +N/-N, ~ for HOME, errors' statuses, a subshell's copy)
mkdir -p ds/a ds/b ds/c; HOME=$PWD/ds; cd
pushd a; pushd ../b; pushd ~/c >/dev/null; dirs; dirs -v; dirs -p | wc -l; dirs +1; dirs -0
pushd; pwd | sed "s|$HOME|~|"
pushd +2
pushd -n ~/a; dirs
popd
popd +1; dirs
popd -0 >/dev/null; dirs
popd -n; dirs
pushd nosuch 2>/dev/null; echo "missing $?"
pushd +9 2>/dev/null; echo "range $?"
dirs -c; dirs; popd 2>/dev/null; echo "empty $?"
pushd 2>/dev/null; echo "none $?"
cd; pushd a >/dev/null; dirs; dirs -l | sed "s|$HOME|HOME|g"
( pushd ~/b >/dev/null; dirs ); dirs
cd /nonexistent-dir 2>/dev/null; echo "cd failed $?"
