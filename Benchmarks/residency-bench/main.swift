print("residency-bench: not yet")
