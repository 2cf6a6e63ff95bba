package dev.imcp.runtime.upstream;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.interceptor.Soap11FaultInInterceptor;
import org.apache.cxf.binding.soap.interceptor.Soap12FaultInInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.ClientFaultConverter;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps the SOAP fault behind a WSDL-declared fault as the cause of its typed exception. CXF's
 * {@link ClientFaultConverter} replaces the {@link SoapFault} (fault code, fault string) with the exception
 * generated for the {@code wsdl:fault} (message and {@code getFaultInfo()}, the detail) and drops the fault, so
 * the code would be lost; with the fault as cause, an error text can give both.
 */
final class SoapFaultCause extends AbstractPhaseInterceptor<Message> {

    private static final String KEY = SoapFaultCause.class.getName();

    private final boolean keep;

    private SoapFaultCause(boolean keep) {
        super(KEY + (keep ? ".keep" : ".attach"), Phase.UNMARSHAL);
        this.keep = keep;
        if (keep) {
            // after the SOAP binding has read the Fault element into a SoapFault, before CXF maps it
            addAfter(Soap11FaultInInterceptor.class.getName());
            addAfter(Soap12FaultInInterceptor.class.getName());
            addBefore(ClientFaultConverter.class.getName());
        } else {
            addAfter(ClientFaultConverter.class.getName());
        }
    }

    /** Adds the two interceptors to {@code client}'s inbound fault chain. */
    static void install(Client client) {
        client.getInFaultInterceptors().add(new SoapFaultCause(true));
        client.getInFaultInterceptors().add(new SoapFaultCause(false));
    }

    @Override
    public void handleMessage(Message message) {
        Exception e = message.getContent(Exception.class);
        if (keep) {
            if (e instanceof SoapFault fault) {
                message.getExchange().put(KEY, fault);
            }
        } else if (message.getExchange().get(KEY) instanceof SoapFault fault && e != null && e != fault
                && e.getCause() == null) {
            try {
                e.initCause(fault);
            } catch (IllegalStateException alreadySet) {
                // the exception was built with an explicit (null) cause: leave it as CXF made it
            }
        }
    }
}
