mkdir sub
cd sub
pwd | sed 's#.*/##'
pwd -P | sed 's#.*/##'
pwd -L | sed 's#.*/##'
cd ..
basename "$(pwd)"
