mkdir -p x/y; cd x/y
basename "$(pwd)"
basename "$(/bin/pwd)"
cd ..
basename "$(pwd -P)"
