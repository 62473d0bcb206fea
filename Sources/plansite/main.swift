print("plansite")
