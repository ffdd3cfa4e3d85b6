print("iamsh-bench: not built yet")
