import { Component, type ReactNode } from 'react';
import { Alert } from '@mui/material';

/** Keeps a broken part of a page (e.g. a schema the form cannot draw) from blanking the whole page. */
export class ErrorBoundary extends Component<{ what: string; children: ReactNode }, { failed?: string }> {
  state: { failed?: string } = {};

  static getDerivedStateFromError(error: Error) {
    return { failed: error.message };
  }

  render() {
    if (this.state.failed) {
      return <Alert severity="warning">The {this.props.what} cannot be shown: {this.state.failed}</Alert>;
    }
    return this.props.children;
  }
}
