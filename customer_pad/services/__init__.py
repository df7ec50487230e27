"""Services: each public function opens one unit of work, takes plain values and returns plain results."""
