basename /a/b/c.txt
basename /a/b/c.txt .txt
basename c.txt .txt
basename /a/b/
basename /
dirname /a/b/c
dirname a/b
dirname a
dirname /a
dirname /
dirname a/b/
