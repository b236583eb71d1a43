"""Small numpy recurrent networks with hand-written backpropagation through time."""
