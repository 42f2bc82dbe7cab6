import { Component, type ErrorInfo, type ReactNode } from 'react';
import { RouteError } from './NotFound';

interface Props {
  /** The address shown: going elsewhere gives the screens another chance. */
  pathname: string;
  children: ReactNode;
}

interface State {
  failedAt: string | null;
}

/** Replaces the screens by an error page when one fails to render or its code cannot be loaded (e.g. after a deploy). */
export class PageErrorBoundary extends Component<Props, State> {
  state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    // The address is filled in by getDerivedStateFromProps right after.
    return { failedAt: '' };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.failedAt === '') return { failedAt: props.pathname };
    if (state.failedAt !== null && state.failedAt !== props.pathname) return { failedAt: null };
    return null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    return this.state.failedAt === null ? this.props.children : <RouteError />;
  }
}
