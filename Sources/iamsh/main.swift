print("iamsh: not built yet")
