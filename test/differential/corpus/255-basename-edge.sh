basename a/b/
basename //
basename .txt .txt
basename a.txt.txt .txt
dirname ./x
dirname ../x/y
dirname x//y
