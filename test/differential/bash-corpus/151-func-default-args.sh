greet() { local name=${1:-stranger} greeting=${2:-Hello}; echo "$greeting, $name!"; }
greet
greet Ann
greet Bob Hi
