package dev.imcp.sample;

import dev.imcp.sample.hello_world.soap.BadRecordLitFault;
import dev.imcp.sample.hello_world.soap.ErrorCode;
import dev.imcp.sample.hello_world.soap.GreetMe;
import dev.imcp.sample.hello_world.soap.GreetMeLater;
import dev.imcp.sample.hello_world.soap.GreetMeLaterResponse;
import dev.imcp.sample.hello_world.soap.GreetMeOneWay;
import dev.imcp.sample.hello_world.soap.GreetMeResponse;
import dev.imcp.sample.hello_world.soap.GreetMeSometime;
import dev.imcp.sample.hello_world.soap.GreetMeSometimeResponse;
import dev.imcp.sample.hello_world.soap.Greeter;
import dev.imcp.sample.hello_world.soap.NoSuchCodeLit;
import dev.imcp.sample.hello_world.soap.NoSuchCodeLitFault;
import dev.imcp.sample.hello_world.soap.SayHi;
import dev.imcp.sample.hello_world.soap.SayHiResponse;
import dev.imcp.sample.hello_world.soap.TestDocLitFault;
import dev.imcp.sample.hello_world.soap.TestDocLitFaultResponse;
import dev.imcp.sample.hello_world.soap.TestNillable;
import dev.imcp.sample.hello_world.soap.TestNillableResponse;
import jakarta.jws.WebService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded SOAP upstream's {@code Greeter} port type, implemented on the SEI that the iMCP plugin
 * had CXF generate from {@code hello_world.wsdl}.
 */
@WebService(endpointInterface = "dev.imcp.sample.hello_world.soap.Greeter",
        targetNamespace = "http://apache.org/hello_world_soap_http",
        serviceName = "SOAPService", portName = "SoapPort")
public class GreeterService implements Greeter {

    private final AtomicReference<String> lastOneWay = new AtomicReference<>("");

    @Override
    public SayHiResponse sayHi(SayHi in) {
        SayHiResponse out = new SayHiResponse();
        out.setResponseType("Bonjour");
        return out;
    }

    @Override
    public GreetMeResponse greetMe(GreetMe in) {
        GreetMeResponse out = new GreetMeResponse();
        out.setResponseType("Hello " + in.getRequestType());
        return out;
    }

    @Override
    public TestNillableResponse testNillable(TestNillable in) {
        TestNillableResponse out = new TestNillableResponse();
        out.setResponseType(in.getNillElem() == null ? null : in.getNillElem() + " x" + in.getIntElem());
        return out;
    }

    @Override
    public GreetMeLaterResponse greetMeLater(GreetMeLater in) {
        GreetMeLaterResponse out = new GreetMeLaterResponse();
        out.setResponseType("Hello, after " + in.getRequestType() + " ms");
        return out;
    }

    @Override
    public GreetMeSometimeResponse greetMeSometime(GreetMeSometime in) {
        GreetMeSometimeResponse out = new GreetMeSometimeResponse();
        out.setResponseType("How are you " + in.getRequestType());
        return out;
    }

    @Override
    public void greetMeOneWay(GreetMeOneWay in) {
        lastOneWay.set(in.getRequestType());
    }

    @Override
    public TestDocLitFaultResponse testDocLitFault(TestDocLitFault in) throws BadRecordLitFault, NoSuchCodeLitFault {
        String kind = in.getFaultType();
        if ("NoSuchCodeLitFault".equals(kind)) {
            ErrorCode code = new ErrorCode();
            code.setMajor((short) 4);
            code.setMinor((short) 2);
            NoSuchCodeLit info = new NoSuchCodeLit();
            info.setCode(code);
            throw new NoSuchCodeLitFault("no such code: 4.2", info);
        }
        if ("BadRecordLitFault".equals(kind)) {
            throw new BadRecordLitFault("bad record", "record " + kind + " is malformed");
        }
        return new TestDocLitFaultResponse();
    }
}
