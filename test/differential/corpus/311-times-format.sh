times | sed 's/[0-9]/N/g' | sed 's/N\{1,\}/N/g'
