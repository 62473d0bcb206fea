// stage module
