mkdir -p real/sub
start=$(pwd -P)
cd real/sub/..
pwd -P | sed "s#^$start##"
pwd -L | sed "s#^$start##"
cd "$start"
cd -P real
pwd | sed "s#^$start##"
cd -L ..
pwd | sed "s#^$start##"
