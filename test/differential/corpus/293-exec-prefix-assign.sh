pre=1 exec sh -c 'echo pre=$pre'
