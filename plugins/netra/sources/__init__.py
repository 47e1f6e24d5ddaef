"""Where content comes from. Every source yields `Fetch`es for a batch of accounts and a window;
the landing-file source here, the platform API connectors later, behind the same interface."""
